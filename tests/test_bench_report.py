"""The benchmarks keep what was written by hand below a new run's figures."""

from pathlib import Path

from bench.report import kept_sections


def test_the_hand_written_sections_are_kept_from_the_first_heading(tmp_path: Path):
    report = tmp_path / "team.md"
    report.write_text("# Run\n\nfigures of the old run\n\n## By hand\n\nwords\n\n## More\n")
    assert kept_sections(report) == "\n## By hand\n\nwords\n\n## More\n"


def test_a_named_heading_keeps_from_it_only(tmp_path: Path):
    report = tmp_path / "results.md"
    report.write_text("# Scale\n\n## In Chromium\n\nold\n\n## A team's atlas\n\nkept\n")
    assert kept_sections(report, heading="\n## A team's atlas") == "\n## A team's atlas\n\nkept\n"


def test_nothing_is_kept_without_a_file_or_a_heading(tmp_path: Path):
    assert kept_sections(tmp_path / "missing.md") == ""
    plain = tmp_path / "plain.md"
    plain.write_text("# Run\n\nonly figures\n")
    assert kept_sections(plain) == ""
