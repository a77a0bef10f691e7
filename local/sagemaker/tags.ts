// AddTags and ListTags over every taggable resource the emulator keeps (training and compilation jobs, packages,
// pipelines, models, endpoint configs, endpoints): what a cost sweep reads to attribute spend. A resource that
// does not exist is a ValidationException naming it.
import type { TagStore } from './shared';
import { Checker, invalid, P, type Json } from './validation';

export class Tagging {
  constructor(
    private readonly tags: TagStore,
    private readonly exists: (resourceArn: string) => boolean,
  ) {}

  private resource(c: Checker, input: Json): string {
    c.required(input.ResourceArn, 'resourceArn');
    return c.string(input.ResourceArn, 'resourceArn', { max: 256, pattern: P.resourceArn }) ?? '';
  }

  add(input: Json): { Tags: { Key: string; Value: string }[] } {
    const c = new Checker();
    const resourceArn = this.resource(c, input);
    c.required(input.Tags, 'tags');
    const tags = c.tags(input.Tags);
    c.done();
    if (!this.exists(resourceArn)) throw invalid(`Resource ${resourceArn} does not exist.`);
    this.tags.add(resourceArn, tags);
    return { Tags: tags };
  }

  list(input: Json): { Tags: { Key: string; Value: string }[] } {
    const c = new Checker();
    const resourceArn = this.resource(c, input);
    c.int(input.MaxResults, 'maxResults', { min: 50 });
    c.done();
    if (!this.exists(resourceArn)) throw invalid(`Resource ${resourceArn} does not exist.`);
    return { Tags: this.tags.list(resourceArn) };
  }
}
