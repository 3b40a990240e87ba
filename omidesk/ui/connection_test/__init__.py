"""連線測試 / Connection test: the tab (tab.py) runs core's probe_all and the test message; the
diagnosis (diagnosis.py), the target and summary lines (summary.py) and the report file
(reports.py) are widgets and helpers of their own."""
