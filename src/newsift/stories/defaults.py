"""Story assignment's defaults, apart from the code so the CLI can show them cheaply."""

DEFAULT_WINDOW_DAYS = 3
DEFAULT_THRESHOLD = 0.2  # best BCubed F1 on the FNC-1 training bodies
