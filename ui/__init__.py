"""The dashboard's Streamlit widgets and layout, for app.py and pages/ (never imported by geo/)."""
