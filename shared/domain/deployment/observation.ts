// What DescribeEndpoint showed of an endpoint, as the deployment decisions read it.
export interface EndpointObservation {
  status: string;
  configName?: string;
  failureReason?: string;
  /** Each variant's current weight, as DescribeEndpoint reports it. */
  weights?: Record<string, number>;
  /** When the endpoint last changed (DescribeEndpoint's LastModifiedTime), ISO. */
  lastModified?: string;
}
