"""The report skeleton rendered by LibreOffice: A4 pages, more than one, and page 1 not blank.

Runs soffice, pdfinfo and pdftoppm as subprocesses when they are installed (Debian packages
libreoffice-writer, poppler-utils); the skeleton itself is pinned in tests/unit/test_officedoc.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from knowledge.officedoc import write_skeleton
from tests.unit.test_officedoc import PLAN


def _pgm_dark_fraction(data: bytes) -> float:
    """Share of pixels darker than mid-grey in a binary (P5) PGM image."""
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert fields is not None
    width, height = int(fields[1]), int(fields[2])
    pixels = data[fields.end() : fields.end() + width * height]
    return sum(1 for value in pixels if value < 128) / (width * height)


def test_skeleton_renders_to_a_multi_page_pdf(tmp_path: Path) -> None:
    tools = {name: shutil.which(name) for name in ("soffice", "pdfinfo", "pdftoppm")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed (Debian packages libreoffice-writer, poppler-utils)"
        )
    source = tmp_path / "skeleton.docx"
    source.write_bytes(write_skeleton(PLAN))
    subprocess.run(
        [
            str(tools["soffice"]),
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "skeleton.pdf"
    info = subprocess.run(
        [str(tools["pdfinfo"]), str(pdf)], check=True, capture_output=True, text=True, timeout=30
    ).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert pages is not None and int(pages[1]) >= 2
    assert re.search(r"^Page size:\s+595(\.\d+)? x 841(\.\d+)? pts", info, re.MULTILINE)
    subprocess.run(
        [
            str(tools["pdftoppm"]),
            "-gray",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    (image,) = tmp_path.glob("page*.pgm")
    assert _pgm_dark_fraction(image.read_bytes()) > 0.005
