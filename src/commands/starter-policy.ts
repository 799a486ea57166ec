/** The policy `trafficport init` writes: valid as is, on the mock backend, every section explained. */
export const STARTER_POLICY = `# yaml-language-server: $schema=./trafficport.schema.json
# trafficport policy: how traffic for your services is split across clouds.
# Check it with \`trafficport validate trafficport.yaml\`; see the README for every field.
version: 1

# Where the records are published. backend: mock uses the embedded mock DNS service, so you can
# try everything without a cloud account; switch to backend: aws / azure when you are ready.
providers:
  r53: { type: route53, zone: example.com, backend: mock }

# The environments that serve your service. capacity is in requests per second.
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10], capacity: 4000 }
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20], capacity: 2000 }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.30], capacity: 3000 }

# The DNS names users resolve, which endpoints serve them, and who publishes them.
services:
  - name: www.example.com
    ttl: 60 # seconds; drains start at least one TTL before a maintenance window
    endpoints: [aws-use1, aws-fra, az-weu]
    publish: [r53]

# How much traffic comes from where: builtin, or explicit shares per geography.
demand: { total: 8000 } # requests per second, spread like urban population

rules:
  # Send users to nearby endpoints, keeping at least two in play for resilience.
  geography: { prefer: nearest, maxLatencyMs: 150, minEndpoints: 2 }

  # Keep EU users inside the EU; fail the plan rather than send them elsewhere.
  sovereignty:
    - { name: gdpr, users: [EU], allow: { jurisdiction: EU }, whenUnservable: fail }

  # Keep at least 10% of traffic on each cloud so both stay warm.
  balance:
    - { min: { aws: 10, azure: 10 } }

  # Drain an endpoint for maintenance; traffic ramps away before start and back after end.
  maintenance:
    - name: weu-patch
      target: az-weu
      start: "2026-12-06T02:00Z"
      end: "2026-12-06T04:00Z"
      ramp: 20m
`;
