#!/bin/bash
# Seed-split research sweep (docs/zoo.md): builds basinscope-cli, then runs one toy-NLI zoo per
# setting in parallel, one thread each, and keeps the manifests and logs in $OUT.
START=$(date +%s)
DEADLINE=$((START + ${SWEEP_SECONDS:-540}))
O=${OUT:-/tmp/sweep-out}
mkdir -p "$O" /tmp/z
nproc > "$O/nproc.txt"
TP=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)' 2>/dev/null)
GEN=Ninja; command -v ninja >/dev/null || GEN="Unix Makefiles"
cmake -S . -B /tmp/b -G "$GEN" -DCMAKE_BUILD_TYPE=Release -DBASINSCOPE_BUILD_GUI=OFF \
  -DBASINSCOPE_BUILD_TESTS=OFF -DCMAKE_PREFIX_PATH="$TP" > "$O/cmake.log" 2>&1 \
  || { tail -40 "$O/cmake.log"; exit 1; }
cmake --build /tmp/b --target basinscope-cli -j "$(nproc)" > "$O/build.log" 2>&1 \
  || { grep -B2 -A12 -m5 "error" "$O/build.log" | head -80; exit 1; }
echo "built in $(( $(date +%s) - START )) s"
CLI=/tmp/b/app/cli/basinscope-cli
run() {
  local name=$1; shift
  local left=$((DEADLINE - $(date +%s)))
  ( OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 timeout "$left" "$CLI" zoo toy-nli \
      --out "/tmp/z/$name" --set overlap_share=0 --set 'finetune.checkpoints=[]' "$@" \
      > "$O/$name.log" 2>&1
    echo "exit $? after $(( $(date +%s) - START )) s" >> "$O/$name.log"
    cp "/tmp/z/$name/MANIFEST.json" "$O/$name.manifest.json" 2>/dev/null ) &
}
# Pre-training whose restates head can be solved by word identity alone (lexical negatives),
# with role masking so that token states know roles.
LEX="--set pretrain.neg_unrelated=0.5 --set pretrain.neg_low_overlap=0.25 --set pretrain.neg_verb_replaced=0.25 --set pretrain.role_masking=0.5"
BIG="--set model.layers=4 --set model.hidden=128 --set model.intermediate=512 --set pretrain.lr=5e-4 --set finetune.steps=600 --set finetune.lr=3e-4 --models 4"
run S1 --models 6
run S2 --models 6 --set data.role_swap=0.05
run S3 --models 6 $LEX
run S4 --models 6 $LEX --set data.role_swap=0.05
run S5 --models 6 $LEX --set data.role_swap=0.15
run S6 --models 6 $LEX --set pretrain.neg_role_swap=0.25
run S7 --models 6 $LEX --set pretrain.pair_rate=0.5 --set data.role_swap=0.05
run S8 --models 6 $LEX --set data.role_swap=0.05 --set finetune.lr=2e-4
run S9 --models 6 $LEX --set data.role_swap=0.05 --set finetune.reinit_pooler=true
run S10 --models 6 --set pretrain.role_masking=0.5 --set data.role_swap=0.02
run L1 $BIG $LEX
run L2 $BIG $LEX --set data.role_swap=0.03
run L3 $BIG $LEX --set data.role_swap=0.1
run L4 $BIG --set data.role_swap=0.03
run L5 $BIG --set pretrain.role_masking=0.5 --set data.role_swap=0.01
wait
echo "sweep done after $(( $(date +%s) - START )) s"
for f in "$O"/*.log; do case $f in *build.log|*cmake.log) continue;; esac
  echo "== $(basename "$f")"; grep -E "pre-trained:|seed-|exit" "$f" | grep -v "zoo:" | head -12; done
