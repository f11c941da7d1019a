"""The example catalogue and its companions, shipped inside the package.

Albertslund Kommune, Budget 2020, katalog 2 (``albertslund-2020-katalog-2.txt``), the
scenario settings for it, and costing specs that reproduce its tables. The web
application's demo loads them, so an installed package can serve the example without a
source checkout.
"""

from pathlib import Path

EXAMPLES_DIR = Path(__file__).resolve().parent
