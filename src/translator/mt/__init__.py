"""Offline machine translation: Argos Translate model packages driven through CTranslate2."""
