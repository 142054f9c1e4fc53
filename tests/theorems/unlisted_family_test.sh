#!/usr/bin/env bash
# Building unlisted_family_check.cpp must fail, and the error must name the
# check, the family and where to add it. Usage: unlisted_family_test.sh BUILD_DIR
set -uo pipefail
out=$(cmake --build "$1" --target unlisted_family_check 2>&1)
status=$?
[[ $status -ne 0 ]] || { echo "a check called on an unlisted family compiled; it must stop the build"; exit 1; }
for expected in "descent_lemma::check_step" "F = gdcheck::Octopus<double>" \
                "compiled once in the theorems library, for the families of GradientDescentFamilies"; do
  grep -qF "$expected" <<<"$out" || { echo "the error does not say '$expected':"; echo "$out" | tail -20; exit 1; }
done
echo "an unlisted family stops the build, naming the check, the family and the list to add it to"
