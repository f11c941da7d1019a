"""Settings split by use: ``base`` holds everything shared; ``dev``, ``test`` and
``production`` change only what differs."""
