import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import { HANDLER } from '../../deploy/aws/lib/rotation-redeploy.ts';

/** Runs the Lambda's inline source with a stand-in for the AWS SDK that the Node.js runtime provides. */
function loadHandler(env: Record<string, string>, send: (input: unknown) => Promise<void>) {
  class UpdateServiceCommand {
    constructor(readonly input: unknown) {}
  }
  class ECSClient {
    send(command: UpdateServiceCommand) {
      return send(command.input);
    }
  }
  const module = { exports: {} as { handler?: () => Promise<void> } };
  const require = (name: string) => {
    assert.equal(name, '@aws-sdk/client-ecs');
    return { ECSClient, UpdateServiceCommand };
  };
  vm.runInNewContext(HANDLER, { require, module, exports: module.exports, process: { env }, JSON });
  return module.exports.handler!;
}

test('after a rotation the handler forces a new deployment of every listed service, one after the other', async () => {
  const calls: unknown[] = [];
  const handler = loadHandler(
    { CLUSTER: 'pharos-staging', SERVICES: '["pharos-staging-web","pharos-staging-worker"]' },
    async (input) => {
      calls.push(structuredClone(input)); // the object comes from another realm
    },
  );
  await handler();
  assert.deepEqual(calls, [
    { cluster: 'pharos-staging', service: 'pharos-staging-web', forceNewDeployment: true },
    { cluster: 'pharos-staging', service: 'pharos-staging-worker', forceNewDeployment: true },
  ]);
});

test('a failed ECS call fails the invocation, so EventBridge retries it', async () => {
  const handler = loadHandler({ CLUSTER: 'c', SERVICES: '["a","b"]' }, async () => {
    throw new Error('ThrottlingException');
  });
  await assert.rejects(handler(), /ThrottlingException/);
});
