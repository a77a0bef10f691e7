import { parseConfig } from '../../shared/config/load';
import { compilationJobRequest } from '../../shared/domain/edge/requests';
import { exampleYaml, problemsOf } from '../helpers/config';
import { pkg } from '../helpers/deployment';

// The example's second target, compiled for a Jetson board described as a platform with an NVIDIA GPU.
const RPI = '        targetPlatform: { os: LINUX, arch: ARM64 }\n';
const NVIDIA = '        targetPlatform: { os: LINUX, arch: ARM64, accelerator: NVIDIA }\n';
const JETSON_INPUT =
  `dataInputConfig: '{"data": [1, 20]}'\n` + '        outputS3Uri: s3://shepherd-example-artifacts/churn/edge/jetson/';
const GPU_OPTIONS = "        compilerOptions: { gpu-code: sm_72, trt-ver: 8.5.2, cuda-ver: '11.4' }\n";

describe('edge targets in shepherd.yml', () => {
  it('refuses an NVIDIA platform without the compiler options Neo requires for it', () => {
    // Act
    const problems = problemsOf(exampleYaml.replace(RPI, NVIDIA));

    // Assess
    expect(problems).toEqual([
      'models[0].edgeTargets[1].compilerOptions: Neo requires compiler options (gpu-code, trt-ver, cuda-ver) ' +
        'to compile for an NVIDIA accelerator',
    ]);
  });

  it('refuses a framework version for a framework Neo takes none for, naming the line and the target', () => {
    // Prepare: churn's jetson target compiles an XGBoost model
    const versioned = exampleYaml.replace(JETSON_INPUT, `${JETSON_INPUT}\n        frameworkVersion: '1.3'`);

    // Act
    const problems = problemsOf(versioned);

    // Assess
    expect(problems).toEqual([
      'models[0].edgeTargets[0].frameworkVersion: edge target jetson of churn compiles XGBOOST, for which Neo ' +
        'takes no framework version (InputConfig.FrameworkVersion is for MXNET, PYTORCH, TENSORFLOW and TFLITE only)',
    ]);
  });

  it('sends the framework version of a framework Neo takes one for', () => {
    // Prepare
    const torch = exampleYaml.replace(
      `framework: XGBOOST\n        ${JETSON_INPUT}`,
      `framework: PYTORCH\n        ${JETSON_INPUT}\n        frameworkVersion: '1.13'`,
    );
    const jetson = parseConfig(torch).models.find((m) => m.name === 'churn')!.edgeTargets[0]!;

    // Act
    const request = compilationJobRequest('churn', jetson, pkg(2), 's3://b/model.tar.gz');

    // Assess
    expect(request.InputConfig).toMatchObject({ Framework: 'PYTORCH', FrameworkVersion: '1.13' });
  });

  it('sends the compiler options as the JSON string CreateCompilationJob takes', () => {
    // Prepare
    const config = parseConfig(exampleYaml.replace(RPI, NVIDIA + GPU_OPTIONS));
    const churn = config.models.find((m) => m.name === 'churn')!;
    const [device, platform] = churn.edgeTargets;

    // Act
    const gpu = compilationJobRequest('churn', platform!, pkg(2), 's3://b/model.tar.gz');
    const plain = compilationJobRequest('churn', device!, pkg(2), 's3://b/model.tar.gz');

    // Assess
    expect(gpu.OutputConfig).toMatchObject({
      TargetPlatform: { Os: 'LINUX', Arch: 'ARM64', Accelerator: 'NVIDIA' },
      CompilerOptions: '{"gpu-code":"sm_72","trt-ver":"8.5.2","cuda-ver":"11.4"}',
    });
    expect(plain.OutputConfig).not.toHaveProperty('CompilerOptions');
  });

  it('refuses compiler options longer than the 1024 characters CreateCompilationJob takes', () => {
    // Prepare
    const long = `        compilerOptions: { mcpu: ${'x'.repeat(1020)} }\n`;

    // Act
    const problems = problemsOf(exampleYaml.replace(RPI, RPI + long));

    // Assess
    expect(problems).toEqual([
      'models[0].edgeTargets[1].compilerOptions: at most 1024 characters as JSON (CreateCompilationJob), not 1031',
    ]);
  });

  it('refuses two edge targets of one name: their builds would share one compilation job name and output', () => {
    // Prepare: a target copied to add a device, its name left as it was
    const copied = exampleYaml.replace('      - name: rpi\n', '      - name: jetson\n');

    // Act
    const problems = problemsOf(copied);

    // Assess
    expect(problems).toEqual([
      'models[0].edgeTargets[1].name: names jetson again: each edge target needs a name of its own, which its ' +
        'compilation jobs and their output folder are named after',
    ]);
  });

  it('refuses more edge targets than Shepherd follows builds of for one package', () => {
    // Prepare: the rpi target copied under 24 more names, 26 targets in all
    const rpi = exampleYaml.slice(exampleYaml.indexOf('      - name: rpi\n'), exampleYaml.indexOf('\n  - name: fraud'));
    const copies = Array.from({ length: 24 }, (_, i) => rpi.replace('name: rpi', `name: rpi${i}`)).join('');
    const yaml = exampleYaml.replace(rpi, rpi + copies);

    // Act
    const problems = problemsOf(yaml);

    // Assess
    expect(problems).toEqual([
      'models[0].edgeTargets: at most 25 edge targets, not 26: each approved package starts one Neo build per ' +
        'target, and a line remembers the builds of its last two packages',
    ]);
  });

  it('builds one compilation job per target, with one name each, when the names differ only in case', () => {
    // Prepare
    const config = parseConfig(exampleYaml.replace('      - name: rpi\n', '      - name: Jetson\n'));
    const churn = config.models.find((m) => m.name === 'churn')!;

    // Act
    const names = churn.edgeTargets.map((t) => compilationJobRequest('churn', t, pkg(2), 's3://b/m.tar.gz'));

    // Assess
    expect(new Set(names.map((r) => r.CompilationJobName)).size).toBe(2);
  });

  it('refuses a dataInputConfig that is not the JSON dictionary of input names and shapes Neo reads', () => {
    // Prepare: YAML's own flow syntax, not JSON, and a bare shape
    const yaml = exampleYaml
      .replace(`dataInputConfig: '{"data": [1, 20]}'`, 'dataInputConfig: "{data: [1, 20]}"')
      .replace(`dataInputConfig: '{"data": [1, 20]}'`, `dataInputConfig: '[1, 20]'`);

    // Act
    const problems = problemsOf(yaml);

    // Assess
    const expected = 'must be a JSON dictionary of input names and shapes, such as {"data": [1, 20]}';
    expect(problems).toEqual([
      `models[0].edgeTargets[0].dataInputConfig: ${expected}`,
      `models[0].edgeTargets[1].dataInputConfig: ${expected}`,
    ]);
  });
});
