// The Stats API v2 module (issue 4): query model, validation, planner and SQL dialects.
