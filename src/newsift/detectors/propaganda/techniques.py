"""The 14 propaganda techniques of SemEval-2020 Task 11, with plain-words definitions.

Definitions paraphrase the task's annotation guidelines (Da San Martino et al., 2019/2020) so a
reader who has never heard the technique's name understands what was flagged.
"""

from __future__ import annotations

# Exact SemEval-2020 Task 11 names, in the order of the official names file.
TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

READABLE_NAMES: dict[str, str] = {
    "Appeal_to_Authority": "Appeal to authority",
    "Appeal_to_fear-prejudice": "Appeal to fear or prejudice",
    "Bandwagon,Reductio_ad_hitlerum": "Bandwagon or reductio ad Hitlerum",
    "Black-and-White_Fallacy": "Black-and-white fallacy",
    "Causal_Oversimplification": "Causal oversimplification",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration or minimisation",
    "Flag-Waving": "Flag-waving",
    "Loaded_Language": "Loaded language",
    "Name_Calling,Labeling": "Name calling or labeling",
    "Repetition": "Repetition",
    "Slogans": "Slogan",
    "Thought-terminating_Cliches": "Thought-terminating cliché",
    "Whataboutism,Straw_Men,Red_Herring": "Whataboutism, straw man or red herring",
}

DEFINITIONS: dict[str, str] = {
    "Appeal_to_Authority": (
        "Stating that a claim is true only because an expert or authority says so, "
        "without other evidence."
    ),
    "Appeal_to_fear-prejudice": (
        "Building support for an idea by stirring up fear or anxiety about an alternative, "
        "or by playing on existing prejudice."
    ),
    "Bandwagon,Reductio_ad_hitlerum": (
        "Urging the reader to agree because 'everyone' does, or to reject an idea because a "
        "hated group is said to hold it."
    ),
    "Black-and-White_Fallacy": (
        "Presenting only two options as if no others existed, often one good and one bad."
    ),
    "Causal_Oversimplification": (
        "Blaming a complex event on a single cause when several factors are at play."
    ),
    "Doubt": "Questioning the credibility of someone or something without giving evidence.",
    "Exaggeration,Minimisation": (
        "Making something look much larger, better or worse than it is, or downplaying it "
        "to look less important than it is."
    ),
    "Flag-Waving": (
        "Appealing to patriotism or group identity (a nation, race, party) to justify an idea."
    ),
    "Loaded_Language": (
        "Using words with strong emotional charge to sway the reader rather than inform."
    ),
    "Name_Calling,Labeling": (
        "Attaching an insulting or admiring label to a person or group instead of arguing "
        "about what they did."
    ),
    "Repetition": ("Repeating the same message over and over so the reader comes to accept it."),
    "Slogans": "A short, striking phrase meant to stick in memory and rally support.",
    "Thought-terminating_Cliches": (
        "A stock phrase that discourages further thinking about a topic, such as "
        "'it is what it is'."
    ),
    "Whataboutism,Straw_Men,Red_Herring": (
        "Deflecting criticism by pointing at the other side's faults, misrepresenting an "
        "opponent's position, or changing the subject."
    ),
}

# SemEval-2021 Task 6 (meme text) technique names mapped onto the 2020 label set. Techniques
# with no 2020 counterpart (Smears, Glittering generalities, Obfuscation) map to None.
SEMEVAL2021_TO_2020: dict[str, str | None] = {
    "Appeal to authority": "Appeal_to_Authority",
    "Appeal to fear/prejudice": "Appeal_to_fear-prejudice",
    "Bandwagon": "Bandwagon,Reductio_ad_hitlerum",
    "Reductio ad hitlerum": "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-white Fallacy/Dictatorship": "Black-and-White_Fallacy",
    "Causal Oversimplification": "Causal_Oversimplification",
    "Doubt": "Doubt",
    "Exaggeration/Minimisation": "Exaggeration,Minimisation",
    "Flag-waving": "Flag-Waving",
    "Loaded Language": "Loaded_Language",
    "Name calling/Labeling": "Name_Calling,Labeling",
    "Repetition": "Repetition",
    "Slogans": "Slogans",
    "Thought-terminating cliché": "Thought-terminating_Cliches",
    "Whataboutism": "Whataboutism,Straw_Men,Red_Herring",
    "Misrepresentation of Someone's Position (Straw Man)": "Whataboutism,Straw_Men,Red_Herring",
    "Presenting Irrelevant Data (Red Herring)": "Whataboutism,Straw_Men,Red_Herring",
    "Smears": None,
    "Glittering generalities (Virtue)": None,
    "Obfuscation, Intentional vagueness, Confusion": None,
}
