"""`python -m geo` validates layers/, like `python -m geo.validate`."""

import sys

from geo.validate import main

sys.exit(main())
