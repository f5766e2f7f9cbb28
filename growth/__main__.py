"""``python -m growth INPUT -o OUTPUT``: see growth.cli."""

import sys

from growth.cli import main

sys.exit(main())
