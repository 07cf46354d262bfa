"""Build copydesk: Python sources, with the restorer also compiled by mypyc where it can be.

The modules every clean runs through (the stages and what they share) are compiled into C
extension modules by mypyc when a wheel is built (``pip install .``): a clean takes about
a fifth less time. The Python sources ship beside them and behave the same; the package
metadata stays in pyproject.toml.

The build stays pure Python, with nothing lost but that speed:

- for an editable install (``pip install -e .``), since an extension built in place would
  shadow the source being edited;
- when ``COPYDESK_COMPILE=0`` is set;
- when mypyc or the C compiler fails: the build says why and goes on without them.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The modules a clean of text runs through. Readers of PDFs, images and HTML spend their
# time in the libraries they call, the corpus tools in the restorer: they stay Python.
COMPILED = [
    "src/copydesk/traced.py",
    "src/copydesk/model.py",
    "src/copydesk/draft.py",
    "src/copydesk/classify.py",
    "src/copydesk/pages.py",
    "src/copydesk/shapes.py",
    "src/copydesk/rules.py",
    "src/copydesk/titles.py",
    "src/copydesk/anchors.py",
    "src/copydesk/layout.py",
    "src/copydesk/lexicon.py",
    "src/copydesk/dates.py",
    "src/copydesk/names.py",
    "src/copydesk/readers/text.py",
    "src/copydesk/readers/columns.py",
    *sorted(str(path) for path in Path("src/copydesk/stages").glob("*.py")),
]

# The build environment holds only the build requirements, not copydesk's dependencies: mypyc
# takes their values as of any type, and the checks of strict mode that such values trip
# are left to the type check of CI (which sees the dependencies). No cache: a build reads
# nothing that an earlier type check wrote.
MYPY_OPTIONS = [
    "--ignore-missing-imports",
    "--no-warn-return-any",
    "--no-warn-unused-ignores",
    "--allow-subclassing-any",
    "--allow-untyped-calls",
    "--allow-untyped-decorators",
    "--cache-dir",
    os.devnull,
]
# setuptools sets up the extensions also to read the metadata (pip asks for it first, each
# time in a new process): compile only for commands that build.
METADATA_ONLY = frozenset({"egg_info", "dist_info", "sdist"})


def _warn(message: str) -> None:
    print(f"copydesk build: {message}", file=sys.stderr)


def compiled_extensions() -> list[Extension]:
    """mypyc's extensions for :data:`COMPILED`, or none where they cannot be made."""
    if os.environ.get("COPYDESK_COMPILE", "1") == "0":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not installed: building pure Python")
        return []
    try:
        return mypycify([*MYPY_OPTIONS, *COMPILED], group_name="copydesk")
    except (Exception, SystemExit) as exc:  # mypyc exits on a type error
        _warn(f"mypyc could not compile the restorer ({exc!r}): building pure Python")
        return []


class BuildExtensions(build_ext):
    """Builds the compiled modules all together or not at all, and never in place.

    mypyc is asked for them when a wheel is built rather than when setup.py is read: pip
    reads it several times per install, and an editable install needs none.
    """

    def finalize_options(self) -> None:
        if self.editable_mode:
            _warn("editable install: the restorer runs as pure Python (uncompiled)")
            self.distribution.ext_modules = []
        elif set(self.distribution.commands) <= METADATA_ONLY:
            self.distribution.ext_modules = []
        else:
            self.distribution.ext_modules = compiled_extensions()
        super().finalize_options()

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # a missing or failing C compiler, in any of its forms
            # The modules call each other inside one compiled library: one left out breaks
            # the rest, so none is kept.
            self.extensions = []
            _warn(f"the C compiler failed ({exc}): building pure Python")
        self._drop_stale_extensions()

    def _drop_stale_extensions(self) -> None:
        """Take out of the build folder the extensions this build did not make: setuptools
        packs all it finds there, and one left by an earlier build (of a module since
        renamed, or compiled when this build could not) would shadow its Python source."""
        wanted = {Path(output).resolve() for output in self.get_outputs()}
        for built in Path(self.build_lib).rglob("*"):
            if built.name.endswith(tuple(EXTENSION_SUFFIXES)) and built.resolve() not in wanted:
                built.unlink()


# A stand-in that tells setuptools the wheel holds extensions (built for one platform and
# Python): BuildExtensions replaces it with mypyc's as it sets up the build.
setup(
    ext_modules=[Extension("copydesk__mypyc", sources=[])],
    cmdclass={"build_ext": BuildExtensions},
)
