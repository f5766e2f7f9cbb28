import subprocess
import sys


def test_it_does_not_load_the_cli_or_its_io_libraries_on_import_growth():
    # The engine runs inside web requests and workers; the CLI's readers and writers load only
    # when the CLI runs.
    code = (
        "import sys, growth; "
        "print(sorted(m for m in ('growth.cli', 'polars', 'openpyxl', 'python_calamine') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"
