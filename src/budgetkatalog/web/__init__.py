"""The Budgetkatalog web application (Django): authoring, review, publication and the
public catalogue. Installed with the ``web`` extra; settings in ``settings/``."""
