import sys

from budgetkatalog.cli import main

sys.exit(main())
