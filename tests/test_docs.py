"""The README documents every setting the code reads and starts with the two commands."""

from __future__ import annotations

import re

from geo.settings import SETTINGS
from tests.helpers.data import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _settings_read(path) -> set[str]:
    return set(re.findall(r"""["'](ATLAS_[A-Z_]+)["']""", path.read_text(encoding="utf-8")))


def test_every_setting_is_documented():
    assert {"ATLAS_TILES", "ATLAS_LAYERS_DIR", "ATLAS_SEEDS_DIR"} <= set(SETTINGS)
    for name in SETTINGS:
        assert f"`{name}`" in README, f"README does not document {name}"


def test_settings_are_read_only_in_the_settings_module():
    code = [ROOT / "app.py", *(ROOT / "geo").rglob("*.py"), *(ROOT / "screens").glob("*.py")]
    code += [*(ROOT / "ui").glob("*.py")]
    for path in code:
        if path.name != "settings.py":
            assert not _settings_read(path), f"{path} reads a setting outside geo/settings.py"
    assert _settings_read(ROOT / "geo" / "settings.py") == set(SETTINGS)


def test_readme_opens_with_start_and_test_commands():
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert blocks[0].strip() == "bash scripts/start.sh"
    assert blocks[1].strip() == "bash scripts/test.sh"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci


def _layout_section() -> str:
    return README.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]


def test_every_module_is_named_in_the_layout_table():
    layout = _layout_section()
    for path in [*(ROOT / "geo").rglob("*.py"), *(ROOT / "ui").glob("*.py")]:
        if path.name == "__init__.py":
            continue
        assert f"`{path.name}`" in layout, f"README's layout table does not name {path}"
    packages = ("geo/importers/", "geo/published/", "geo/ingest/", "geo/view/", "geo/tools/")
    for package in (*packages, "geo/store/", "ui/"):
        assert f"`{package}`" in layout
