"""`python -m geo.validate [LAYERS_DIR]`: the validator under its long-documented name.

The command itself is `geo/tools/validate.py` (also `atlas-validate` and `python -m geo`);
this module only runs it, so the name earlier sessions and curators use keeps working.
"""

import sys

if __name__ == "__main__":
    from geo.tools.validate import main

    sys.exit(main())
