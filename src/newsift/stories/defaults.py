"""Story assignment's defaults, apart from the code so the CLI can show them cheaply."""

DEFAULT_WINDOW_DAYS = 3
# best BCubed F1 on the FNC-1 training bodies (0.891; 0.2: 0.864, 0.3: 0.887)
DEFAULT_THRESHOLD = 0.25
# --multilingual: the best BCubed F1 on the first 1,200 FNC-1 training bodies (0.888; 0.55:
# 0.878, 0.575: 0.879, 0.625: 0.874, 0.65: 0.840), as the default threshold was chosen
MULTILINGUAL_THRESHOLD = 0.6
