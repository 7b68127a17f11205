"""Search backends. All return the same shapes (see ``search.query``)."""
