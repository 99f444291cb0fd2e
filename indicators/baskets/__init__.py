"""ICT price baskets (METHODOLOGY section 4): basket definitions as data, the plan-choosing engine, conversions."""
