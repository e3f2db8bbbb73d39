"""The engine: parameters, explorable base, view payloads, encoding, session, catalogue."""
