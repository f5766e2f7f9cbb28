"""`import growth` stays light: numpy only, no pandas / polars / scipy / django."""

import subprocess
import sys


def test_it_imports_numpy_only() -> None:
    code = (
        "import sys, growth; growth.zscores(sex=[1], age_days=[1], weight_kg=[3]);"
        "print(sorted(m for m in ('pandas', 'polars', 'scipy', 'django') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
