// The operator as the CLI builds it (every AWS service within its reach), and what AWS answers a caller it refuses.
import { SageMakerServiceException } from '@aws-sdk/client-sagemaker';
import { Operator } from '../../shared/app/operator';
import { autoscaling, hosting, neo, registry, training } from '../../shared/runtime/clients';
import { deploymentDecisions } from '../../shared/runtime/deployments';
import { serviceDeps } from '../../shared/runtime/service-deps';

export const cliOperator = () =>
  new Operator({
    ...serviceDeps({
      sagemaker: training(),
      hosting: hosting(),
      neo: neo(),
      registry: registry(),
      autoscaling: autoscaling(),
    }),
    deployments: deploymentDecisions(),
  });

/** SageMaker's refusal of a request to a caller whose credentials lack the permission. */
export const accessDenied = () =>
  new SageMakerServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'User: arn:aws:iam::123456789012:user/ana is not authorized to perform this action',
  });
