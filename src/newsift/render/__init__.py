"""Report renderers: terminal (rich) and a self-contained HTML file. JSON is Report.to_json()."""
