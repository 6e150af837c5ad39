"""Linear text models shipped as plain arrays: TF-IDF blocks + a linear layer, numpy inference.

Training code fits scikit-learn's `TfidfVectorizer` and a linear classifier, then exports them
with `newsift.inference.export.from_sklearn`; detectors load the `.npz` with
`LinearTextModel.load` and never import scikit-learn at analyze time.
"""

from newsift.inference.linear import Cue, LinearTextModel
from newsift.inference.tfidf import TfidfSpec

__all__ = ["Cue", "LinearTextModel", "TfidfSpec"]
