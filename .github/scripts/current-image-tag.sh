#!/usr/bin/env bash
# Print `tag=<image tag>` of the pharos image an ECS service runs now (append it to $GITHUB_OUTPUT): the tag to roll
# back to. Prints nothing when the service does not exist yet (a first deploy has nothing to roll back to).
# Usage: current-image-tag.sh CLUSTER SERVICE   (e.g. current-image-tag.sh pharos-production pharos-production-web)
set -euo pipefail

cluster="${1:?usage: current-image-tag.sh CLUSTER SERVICE}"
service="${2:?usage: current-image-tag.sh CLUSTER SERVICE}"

task_definition="$(aws ecs describe-services --cluster "$cluster" --services "$service" --output json \
  | jq -r '[.services[]? | select(.status == "ACTIVE")][0].taskDefinition // empty')"
if [ -z "$task_definition" ]; then
  echo "no active service $service in $cluster: nothing to roll back to" >&2
  exit 0
fi

image="$(aws ecs describe-task-definition --task-definition "$task_definition" --output json \
  | jq -r '[.taskDefinition.containerDefinitions[].image | select(test("/pharos:"))][0] // empty')"
tag="${image##*/pharos:}"
if [ -z "$image" ] || ! [[ "$tag" =~ ^[A-Za-z0-9_.-]{1,128}$ ]]; then
  echo "no pharos image with a tag in $task_definition (image: ${image:-none})" >&2
  exit 1
fi
echo "tag=$tag"
