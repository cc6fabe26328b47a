/** CDK entry point (`cd deploy/aws && npx cdk synth`): both environments, checked by cdk-nag. */
import { buildApp } from '../lib/app.ts';

buildApp().app.synth();
