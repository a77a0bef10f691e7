// Shapes AWS really sends that no fixture of its own shows: each is answered as what it is, a foreign event ignored
// and nothing written or asked of SageMaker, an unusual but valid one of Shepherd's own handled
// (docs/aws-events.md, "Checked against these pages, and still open").
import { handler as dataArrived } from '../../functions/data-arrived';
import { handler as driftAlarm } from '../../functions/drift-alarm';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { handler as pipelineStateChanged } from '../../functions/pipeline-state-changed';
import { handler as trainingStateChanged } from '../../functions/training-state-changed';
import { sagemaker } from '../helpers/aws';
import { createTable, deploymentItem, openWindow, trainingItem } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T06:05:41Z', trainingJobStarts: true }));

describe('AWS event variants', () => {
  it('counts an object whose key has non-ASCII characters and a literal %2F, as written', async () => {
    // Prepare
    const key = 'churn/incoming/día 2/ünï%2Fpart+1.csv';
    const upload = fixture('s3-object-created.churn', { id: 'unicode', detail: { object: { key } } });

    // Act
    const result = await dataArrived(upload, context());

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'data object counted' });
    expect((await openWindow('churn')).sources['shepherd-example-data/churn/incoming/']).toMatchObject({ objects: 1 });
  });

  it('starts a retraining from a composite drift alarm with no previous state', async () => {
    // Prepare
    const composite = fixture('cloudwatch-alarm-state-change.drift-alarm', {
      id: 'composite',
      detail: {
        configuration: { alarmRule: 'ALARM(churn-tenure-drift) OR ALARM(churn-plan-drift)' },
        state: { actionsSuppressedBy: 'WaitPeriod' },
      },
    });
    delete composite.detail.previousState;

    // Act
    const result = await driftAlarm(composite, context());

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'retraining started' });
  });

  it.each(['SYSTEM_UPDATING', 'ROLLING_BACK', 'OUT_OF_SERVICE', 'DELETING', 'UPDATE_ROLLBACK_FAILED'])(
    'ignores another team’s endpoint %s, asking SageMaker nothing',
    async (status) => {
      // Prepare
      const detail = { EndpointName: 'search-ranking-prod', EndpointStatus: status, EndpointConfigName: null };
      const event = fixture('endpoint-state-change.in-service', { id: `other-${status}`, detail });

      // Act
      const result = await endpointStateChanged(event, context());

      // Assess
      expect(result).toEqual({ status: 'ignored', reason: 'endpoint no model line deploys to' });
      expect(sagemaker.calls()).toEqual([]);
      expect(await deploymentItem('search-ranking-prod')).toBeUndefined();
    },
  );

  it('ignores a stopped execution of its pipeline started without a display name (by hand)', async () => {
    // Prepare
    const detail = { currentPipelineExecutionStatus: 'Stopped', pipelineExecutionDisplayName: null };
    const event = fixture('pipeline-execution-status-change.failed', { id: 'by-hand', detail });

    // Act
    const result = await pipelineStateChanged(event, context());

    // Assess
    expect(result).toMatchObject({ status: 'ignored' });
    expect(sagemaker.calls()).toEqual([]);
    expect(await trainingItem('fraud')).toBeUndefined();
  });

  it('ignores a job with null tags, as SageMaker may send them', async () => {
    // Prepare
    const event = fixture('training-job-state-change.unknown-job', { id: 'null-tags', detail: { Tags: null } });

    // Act
    const result = await trainingStateChanged(event, context());

    // Assess
    expect(result).toMatchObject({ status: 'ignored' });
    expect(sagemaker.calls()).toEqual([]);
  });
});
