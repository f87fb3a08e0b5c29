"""Seeds are the originals, byte for byte, and every one is in the manifest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.seeds import read_manifest, read_seed, sha256_of

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared" / "seeds"

# Pinned here as well as in the manifest, so editing both at once still fails.
PINNED = {
    "000_f906aba1f3052e08.txt": "c2a75a653285255b8963ee38ac3053832823eb4013d214040f9a7cdccddf1d57",
    "001_713b0ff946733b37.txt": "577f975c2e5aa9492855ad3ac0396c1d19eab5e9ab0f12c04dead05bc110a3a1",
    "002_b4c152970c542a9c.txt": "285807ba86db42d01c0c0bc62f401ecc2b2cad18eb17e906380ca96a4c52afef",
    "003_c724c36924786e16.txt": "ac4bc7ebbbc8b7f18db82a0e1558d9d740dd05fa75ee5ed49e811399ef1881e7",
    "004_b4213ac8ddd93d18.txt": "481c2a3a11715c74e0dfb490d746ac9399bd3bc8c54a154f6dde6703f9be8a20",
}


def test_seed_files_are_exactly_the_pinned_ones():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(PINNED)
    for name, digest in PINNED.items():
        assert sha256_of(SEEDS / name) == digest, f"{name} was changed"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/seeds is not beside this clone")
def test_seeds_match_shared_originals():
    for name in PINNED:
        assert (SEEDS / name).read_bytes() == (SHARED / name).read_bytes()


def test_manifest_lists_every_seed_with_its_hash():
    manifest = read_manifest(SEEDS)
    assert set(manifest) == set(PINNED)
    for name, info in manifest.items():
        assert info.sha256 == PINNED[name]
        assert info.lang in {"fa", "ar"}
        assert info.title_en.strip()
        assert info.outlet or info.outlet_note, f"{name}: say why the outlet is unknown"


@pytest.mark.parametrize("name", sorted(PINNED))
def test_manifest_date_is_the_date_line_or_null_with_reason(name):
    info = read_manifest(SEEDS)[name]
    line = re.match(r"^ date (\d{4}-\d{2}-\d{2}) ", read_seed(name, SEEDS))
    if line:
        assert info.published == line.group(1)
    else:
        assert info.published is None
        assert len(info.published_note) > 20


def test_manifest_language_matches_the_script():
    manifest = read_manifest(SEEDS)
    for name, info in manifest.items():
        text = read_seed(name, SEEDS)
        persian_letters = sum(text.count(c) for c in "پچژگی")
        assert (persian_letters > 20) == (info.lang == "fa"), name
