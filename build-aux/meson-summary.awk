# Reads the console output of `meson test` and prints its summary as two
# numbers, "PASSED FAILED": the test programs that passed (Ok, Expected
# Fail) and those that did not (Fail, Unexpected Pass, Timeout). Output with
# no summary (meson did not get as far as the tests) counts as one failure.
# Used by run-tests.sh and run-sanitizers.sh.
/^Ok:/ { ok = $2 }
/^Expected Fail:/ { ok += $3 }
/^Fail:/ { fail = $2 }
/^Unexpected Pass:/ { fail += $3 }
/^Timeout:/ { fail += $2 }
END {
  if (ok == "" && fail == "") fail = 1
  print ok + 0, fail + 0
}
