from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def deploy_check(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "BUDGETKATALOG_CACHE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "budgetkatalog.web.settings.production",
                "DJANGO_SECRET_KEY": "x7!" * 20 + "a-long-unpredictable-production-key",
                "DJANGO_ALLOWED_HOSTS": "budget.example.dk", **extra})
    return subprocess.run(
        [str(Path(sys.executable).parent / "budgetkatalog"), "manage", "check", "--deploy",
         "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, check=False)


def test_production_settings_pass_the_deploy_check() -> None:
    # The documented production set-up: a shared cache (the check does not connect).
    result = deploy_check(BUDGETKATALOG_CACHE_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_asks_for_a_shared_cache_for_the_hearing_rate_limits() -> None:
    result = deploy_check()
    assert result.returncode != 0 and "hearing.W001" in result.stdout + result.stderr
