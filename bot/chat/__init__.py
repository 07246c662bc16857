"""What every front end shares: one chat's session, the flood gate, reloading the FAQ folder."""
