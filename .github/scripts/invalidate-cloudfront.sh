#!/usr/bin/env bash
# After a deploy: the new web tasks republish the static copy as they start (`publish:`, changed files only), and
# CloudFront may still hold pages and assets the previous image built. This invalidates the whole distribution of the
# stack once and waits until the edges answer from the new origin and copy.
# Usage: invalidate-cloudfront.sh STACK   (e.g. invalidate-cloudfront.sh PharosProduction)
set -euo pipefail

stack="${1:?usage: invalidate-cloudfront.sh STACK}"

distribution="$(aws cloudformation describe-stack-resources --stack-name "$stack" --output json \
  | jq -r '[.StackResources[]? | select(.ResourceType == "AWS::CloudFront::Distribution")][0].PhysicalResourceId // empty')"
if [ -z "$distribution" ]; then
  echo "no CloudFront distribution in stack $stack" >&2
  exit 1
fi

invalidation="$(aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/*' --output json \
  | jq -r '.Invalidation.Id // empty')"
if [ -z "$invalidation" ]; then
  echo "CloudFront returned no invalidation id for $distribution" >&2
  exit 1
fi
echo "invalidating $distribution (/*): $invalidation"
aws cloudfront wait invalidation-completed --distribution-id "$distribution" --id "$invalidation"
echo "invalidation $invalidation of $distribution completed"
