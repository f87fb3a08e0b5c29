"""The README documents every setting the code reads and starts with the two commands."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _settings_in_code() -> set[str]:
    found = set()
    for path in [ROOT / "app.py", *(ROOT / "geo").glob("*.py")]:
        found |= set(
            re.findall(
                r"""environ(?:\.get)?[(\[]\s*["'](ATLAS_[A-Z_]+)""",
                path.read_text(encoding="utf-8"),
            )
        )
    return found


def test_every_setting_is_documented():
    settings = _settings_in_code()
    assert {"ATLAS_TILES", "ATLAS_LAYERS_DIR"} <= settings
    for name in settings:
        assert f"`{name}`" in README, f"README does not document {name}"


def test_readme_opens_with_start_and_test_commands():
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert blocks[0].strip() == "bash scripts/start.sh"
    assert blocks[1].strip() == "bash scripts/test.sh"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci
