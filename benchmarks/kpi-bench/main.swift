print("kpi-bench: being written")
