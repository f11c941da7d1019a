from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_production_settings_pass_the_deploy_check() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "budgetkatalog.web.settings.production",
           "DJANGO_SECRET_KEY": "x7!" * 20 + "a-long-unpredictable-production-key",
           "DJANGO_ALLOWED_HOSTS": "budget.example.dk"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "budgetkatalog"), "manage", "check", "--deploy",
         "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
