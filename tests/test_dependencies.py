"""Every package the code imports is declared; training packages stay out of the default install.

A module imported but not declared works on the developer's machine and breaks a fresh install
(issue 9: lxml.html.clean). These tests read the imports from the source itself.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest

from newsift import tasks
from newsift.errors import NewsiftError

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newsift"
# Modules that run only under `newsift train` or a refitting benchmark.
TRAIN_ONLY_MODULES = (
    "inference/export.py",
    "bench/liar.py",
    # fitting and benchmarking the reliability combiner; scoring uses model.py/score.py only
    "reliability/fit.py",
    "reliability/train.py",
    "reliability/corpus.py",
    # fitting the detectors' models (the rest of each training lives in its train.py)
    "detectors/claims/recipe.py",
    "detectors/propaganda/fitting.py",
    "detectors/stance/fitting.py",
)
# Modules that run only with the ray extra (`newsift batch --engine ray`).
RAY_ONLY_MODULES = ("corpus/ray_engine.py", "corpus/ray_worker.py")
# Modules that run only with the stories extra (`newsift stories --multilingual`), and the
# import names of that extra's packages (pyproject's [tool.deptry.package_module_name_map]).
STORIES_ONLY_MODULES = ("stories/encoder.py",)
STORIES_IMPORTS = frozenset(
    tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["deptry"][
        "package_module_name_map"
    ].values()
)


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement.strip())
    assert match, requirement
    return _normalise(match.group(0))


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {_requirement_name(r) for r in project["dependencies"]}
    train = {_requirement_name(r) for r in project["optional-dependencies"]["train"]}
    return core, train


def _extra(name: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_requirement_name(r) for r in project["optional-dependencies"][name]}


def _ray_extra() -> set[str]:
    return _extra("ray")


def _top_level_imports(path: Path) -> set[str]:
    """Absolute imports anywhere in the module, including those inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _third_party(modules: set[str]) -> set[str]:
    return {m for m in modules if m not in sys.stdlib_module_names and m not in ("newsift",)}


def _distributions(module: str) -> set[str]:
    return {_normalise(d) for d in importlib.metadata.packages_distributions().get(module, [])}


def test_every_imported_package_is_declared() -> None:
    core, train = _declared()
    undeclared = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        training = relative.startswith(TRAIN_ONLY_MODULES) or relative.endswith("/train.py")
        ray_only = relative in RAY_ONLY_MODULES
        stories_only = relative in STORIES_ONLY_MODULES
        allowed = core | train if training else core | _ray_extra() if ray_only else core
        if stories_only:
            allowed = core | _extra("stories")
        for module in sorted(_third_party(_top_level_imports(path))):
            dists = _distributions(module)
            if ray_only and not dists and _normalise(module) in _ray_extra():
                continue  # the ray extra is not installed here
            if stories_only and not dists and module in STORIES_IMPORTS:
                continue  # the stories extra is not installed here
            assert dists, f"{relative} imports {module}, which no installed distribution provides"
            if not dists & allowed:
                undeclared.append(f"{relative}: {module} ({', '.join(sorted(dists))})")
    assert not undeclared, "imported but not declared where it runs:\n" + "\n".join(undeclared)


def test_html_extraction_dependencies_are_declared() -> None:
    # trafilatura's jusText imports lxml.html.clean, a separate project since lxml 5.2.
    core, _ = _declared()
    assert {"lxml", "lxml-html-clean", "trafilatura"} <= core
    import lxml.html.clean  # noqa: F401 - the import that failed on a fresh install


def test_training_packages_are_an_extra_only() -> None:
    core, train = _declared()
    assert {"scikit-learn", "scipy"} <= train
    assert not {"scikit-learn", "scipy"} & core


def test_train_without_the_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "sklearn", None)  # import sklearn now fails
    with pytest.raises(NewsiftError, match=r"pip install 'newsift\[train\]'"):
        tasks.run_train("clickbait", tmp_path)


def test_refitting_benchmark_without_the_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "sklearn", None)
    module = type(sys)("newsift_fake_bench")

    def bench(data_dir: Path) -> None:
        import sklearn  # noqa: F401 - fails: the extra is "not installed"

    module.bench = bench  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsift_fake_bench", module)
    with pytest.raises(tasks.MissingExtraError, match=r"refits models and needs the training"):
        tasks._call_needing_train_extra(
            "benchmark 'x' refits models and", "newsift_fake_bench:bench", Path(".")
        )


def test_other_missing_modules_are_not_blamed_on_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = type(sys)("newsift_fake_bench2")

    def bench(data_dir: Path) -> None:
        import newsift_no_such_module  # noqa: F401

    module.bench = bench  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsift_fake_bench2", module)
    with pytest.raises(ModuleNotFoundError):
        tasks._call_needing_train_extra("x", "newsift_fake_bench2:bench", Path("."))


def test_cli_train_without_the_extra_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsift import cli

    monkeypatch.setitem(sys.modules, "sklearn", None)
    monkeypatch.setattr(sys, "argv", ["newsift", "train", "clickbait", "--data", str(tmp_path)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "newsift[train]" in err
