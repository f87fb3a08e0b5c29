"""Builders for the page: map, source panel, charts, wording, HTML escaping. No Streamlit."""
