"""The dashboard's Streamlit widgets and layout, for app.py and screens/ (never imported by
geo/)."""
