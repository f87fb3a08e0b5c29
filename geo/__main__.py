"""`python -m geo` validates layers/, like `atlas-validate`."""

import sys

from geo.tools.validate import main

sys.exit(main())
