"""`python -m translator` runs the CLI."""

import sys

from translator.cli import main

sys.exit(main())
