"""Border Atlas core: data model, loading, validation, filtering. Never imports streamlit."""
