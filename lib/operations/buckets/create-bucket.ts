/**
 * Creating a bucket in the region the result reports. The location is the query's region, else
 * the data source's; us-east-1 is S3's default and is never named, and `auto` (Cloudflare R2)
 * is no location at all. Left alone, the SDK names the client's region whenever the request
 * names none, so a us-east-1 bucket asked for on a eu-west-1 data source would be created
 * in eu-west-1 while the result said us-east-1: the request is pinned to the chosen location.
 */
import { BucketLocationConstraint, CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

const UNNAMED_LOCATIONS = new Set(['us-east-1', 'auto']);

export async function createBucket(client: S3Client, bucket: string, location: string): Promise<object> {
  const configuration = UNNAMED_LOCATIONS.has(location)
    ? undefined
    : { LocationConstraint: location as BucketLocationConstraint };
  const command = new CreateBucketCommand({ Bucket: bucket });
  command.middlewareStack.add(
    (next, _context) => (args) => {
      // Runs after the SDK's own location middleware (same step, lower priority) and overrides it.
      const input = args.input as { CreateBucketConfiguration?: unknown };
      if (configuration) input.CreateBucketConfiguration = configuration;
      else delete input.CreateBucketConfiguration;
      return next(args);
    },
    { step: 'initialize', priority: 'low', name: 'pinnedLocationConstraint' },
  );
  const output = await client.send(command);
  return { ...output, Bucket: bucket, Region: location, LocationConstraint: configuration?.LocationConstraint };
}
