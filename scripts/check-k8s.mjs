// Checks kustomize output offline (called by scripts/check-k8s.sh, which renders the overlays).
//   node scripts/check-k8s.mjs <tools-dir> <overlay>=<rendered.yaml> ...
// 1. Every object validates against the Kubernetes API schema of its apiVersion/kind: the
//    validators of the npm package kubernetes-models (ajv, generated from the Kubernetes OpenAPI
//    spec): types, required fields, enums. Those accept unknown fields, so a second pass walks
//    each object along the package's TypeScript declarations (.d.ts) and rejects any field they
//    do not declare (a typo like `livenesProbe`), as the API server's strict field validation does.
// 2. Wiring the API server would not check: selectors match pod templates, named ports exist.
// 3. Orleans silos: orleans/* labels = ORLEANS_* env, POD_* env, no admin token or voter-key secret, a ServiceAccount bound to a Role
//    on pods, a NetworkPolicy selecting them; no silo objects in embedded mode; no old keys.
// 4. Storage: provider azure has a connection string key in voting-storage or a service URI; with
//    a service URI (workload identity) every workload's pods are labelled for it and run under a
//    ServiceAccount that names a client id.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [tools, ...renders] = process.argv.slice(2);
const modules = join(tools, "node_modules");
const yaml = (await import(pathToFileURL(join(modules, "js-yaml/index.js")))).default;

const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet"];
const OLD_KEYS = /^(Cluster__(SiloId|Port|HealthPort|AdvertisedAddress|ListenAddress|Lease\w*|RenewInterval|SiloTimeout)|Grains__ShardCount)$/;
const POD_ENV = { POD_NAME: "metadata.name", POD_NAMESPACE: "metadata.namespace", POD_IP: "status.podIP" };
const RBAC_VERBS = ["get", "list", "watch", "patch"];

const matches = (selector, labels) =>
  !!selector && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
const podLabels = (w) => w.spec?.template?.metadata?.labels ?? {};
const containers = (w) => w.spec?.template?.spec?.containers ?? [];
const envOf = (c) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e]));

// Field names per type from the .d.ts files: "IIoK8sApiAppsV1DeploymentSpec" -> { replicas: "number", ... }.
function loadDeclarations() {
  const types = new Map();
  const dirs = ["kubernetes-models", "@kubernetes-models/apimachinery"].map((d) => join(modules, d));
  for (const file of dirs.flatMap((d) => readdirSync(d, { recursive: true }).map((f) => join(d, f)))) {
    if (!file.endsWith(".d.ts")) continue;
    const text = readFileSync(file, "utf8").replace(/\/\*\*[\s\S]*?\*\//g, "");
    const body = text.match(/^export interface (\w+)[^{\n]*\{\n([\s\S]*?)^\}/m);
    const alias = body && text.match(new RegExp(`export type \\{ ${body[1]} as (\\w+)`));
    if (!alias) continue;
    const fields = {};
    for (const chunk of body[2].split(/\n(?= {4}")/)) {
      const m = chunk.match(/^\s*"([^"]+)"\??: ([\s\S]*?);?\s*$/);
      if (m) fields[m[1]] = m[2].replace(/\s+/g, " ").trim();
    }
    types.set(alias[1], fields);
  }
  return types;
}
const declarations = loadDeclarations();
if (declarations.size < 500) throw new Error(`only ${declarations.size} types read from the .d.ts files: package layout changed?`);

function unknownFields(value, type, path, out) {
  if (value === null || typeof value !== "object") return out;
  const item = type.match(/^Array<(.*)>$/)?.[1];
  const mapped = type.match(/^\{ \[key: string\]: (.*?);? \}$/)?.[1];
  if (Array.isArray(value)) value.forEach((v, i) => item && unknownFields(v, item, `${path}[${i}]`, out));
  else if (mapped) for (const [k, v] of Object.entries(value)) unknownFields(v, mapped, `${path}.${k}`, out);
  else if (declarations.has(type)) {
    const fields = declarations.get(type);
    for (const [k, v] of Object.entries(value))
      if (k in fields) unknownFields(v, fields[k], `${path}.${k}`, out);
      else out.push(`unknown field ${path}.${k}`);
  }
  return out;
}

async function schemaErrors(obj) {
  // kubernetes-models lays its models out by apiVersion: apps/v1/Deployment.js, v1/Service.js, ...
  const file = join(modules, "kubernetes-models", obj.apiVersion ?? "", `${obj.kind}.js`);
  if (!existsSync(file)) return [`no schema for ${obj.apiVersion} ${obj.kind}`];
  const mod = await import(pathToFileURL(file));
  const root = [...declarations].find(([, f]) => f.kind === `"${obj.kind}"` && f.apiVersion === `"${obj.apiVersion}"`);
  const errors = root ? unknownFields(obj, root[0], "", []) : [`no field declarations for ${obj.apiVersion} ${obj.kind}`];
  try {
    new mod[obj.kind](obj).validate();
  } catch (e) {
    errors.push(e.message);
  }
  return errors;
}

function wiringErrors(objs) {
  const errors = [];
  const workloads = objs.filter((o) => WORKLOADS.includes(o.kind));
  for (const w of workloads) {
    if (!matches(w.spec.selector?.matchLabels, podLabels(w)))
      errors.push(`${w.kind}/${w.metadata.name}: selector does not match its pod template labels`);
    for (const c of containers(w)) {
      const names = new Set((c.ports ?? []).map((p) => p.name));
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const port = c[probe]?.httpGet?.port;
        if (typeof port === "string" && !names.has(port))
          errors.push(`${w.kind}/${w.metadata.name}: ${probe} uses port '${port}' the container does not name`);
      }
    }
  }
  for (const o of objs) {
    const selector = o.kind === "Service" ? o.spec.selector : o.kind === "PodDisruptionBudget" ? o.spec.selector?.matchLabels : null;
    if (!selector) continue;
    const selected = workloads.filter((w) => matches(selector, podLabels(w)));
    if (selected.length === 0) errors.push(`${o.kind}/${o.metadata.name}: selects no pod template`);
    for (const p of o.kind === "Service" ? o.spec.ports : []) {
      const named = selected.flatMap(containers).flatMap((c) => c.ports ?? []).map((cp) => cp.name);
      if (typeof p.targetPort === "string" && selected.length && !named.includes(p.targetPort))
        errors.push(`Service/${o.metadata.name}: targetPort '${p.targetPort}' is not a container port of the selected pods`);
    }
  }
  return errors;
}

function orleansErrors(objs) {
  const errors = [];
  const find = (kind, name) => objs.find((o) => o.kind === kind && o.metadata.name === name);
  const config = find("ConfigMap", "voting-config")?.data ?? {};
  const clustered = config.Cluster__Enabled === "true";
  const silos = objs.filter((o) => WORKLOADS.includes(o.kind) && podLabels(o)["app.kubernetes.io/component"] === "silo");

  for (const key of Object.keys(config)) if (OLD_KEYS.test(key)) errors.push(`ConfigMap voting-config: old key ${key}`);
  for (const w of objs.filter((o) => WORKLOADS.includes(o.kind)))
    for (const c of containers(w))
      for (const e of c.env ?? []) if (OLD_KEYS.test(e.name)) errors.push(`${w.kind}/${w.metadata.name}: old env ${e.name}`);

  if (!clustered) {
    for (const o of objs.filter((o) => o.metadata.labels?.["app.kubernetes.io/component"] === "silo"))
      errors.push(`${o.kind}/${o.metadata.name}: silo object in embedded mode (Cluster__Enabled is not "true")`);
    return errors;
  }
  if (silos.length === 0) errors.push("cluster mode (Cluster__Enabled=true) but no silo workload");

  for (const w of silos) {
    const at = `${w.kind}/${w.metadata.name}`;
    const labels = podLabels(w);
    const ids = { ORLEANS_SERVICE_ID: labels["orleans/serviceId"], ORLEANS_CLUSTER_ID: labels["orleans/clusterId"] };
    if (!ids.ORLEANS_SERVICE_ID || !ids.ORLEANS_CLUSTER_ID) errors.push(`${at}: pod template lacks orleans/serviceId or orleans/clusterId label`);
    if (config.Orleans__ServiceId && config.Orleans__ServiceId !== ids.ORLEANS_SERVICE_ID)
      errors.push(`${at}: orleans/serviceId '${ids.ORLEANS_SERVICE_ID}' differs from voting-config Orleans__ServiceId '${config.Orleans__ServiceId}'`);
    if (config.Orleans__ClusterId && config.Orleans__ClusterId !== ids.ORLEANS_CLUSTER_ID)
      errors.push(`${at}: orleans/clusterId '${ids.ORLEANS_CLUSTER_ID}' differs from voting-config Orleans__ClusterId '${config.Orleans__ClusterId}'`);
    for (const c of containers(w)) {
      const env = envOf(c);
      for (const [name, field] of Object.entries(POD_ENV))
        if (env[name]?.valueFrom?.fieldRef?.fieldPath !== field) errors.push(`${at}/${c.name}: env ${name} must come from fieldRef ${field}`);
      for (const [name, value] of Object.entries(ids))
        if (env[name]?.value !== value) errors.push(`${at}/${c.name}: env ${name} must equal the pod label ('${value}')`);
    }

    // Issue 9: silos never receive the admin token or the voter-key secret.
    for (const c of containers(w)) {
      const secretNames = [
        ...(c.envFrom ?? []).map((e) => e.secretRef?.name),
        ...(c.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name),
      ].filter(Boolean);
      for (const name of secretNames) {
        const keys = Object.keys({ ...(find("Secret", name)?.stringData ?? {}), ...(find("Secret", name)?.data ?? {}) });
        for (const key of keys.filter((k) => k === "Admin__Token" || k === "Voting__VoterKeySecret"))
          errors.push(`${at}/${c.name}: receives ${key} (Secret ${name}); silos must not hold it`);
      }
      for (const e of c.env ?? [])
        if (e.name === "Admin__Token" || e.name === "Voting__VoterKeySecret") errors.push(`${at}/${c.name}: env ${e.name}; silos must not hold it`);
    }

    const account = w.spec.template.spec.serviceAccountName;
    if (!account || !find("ServiceAccount", account)) errors.push(`${at}: serviceAccountName '${account}' is not a ServiceAccount here`);
    const granted = objs
      .filter((b) => b.kind === "RoleBinding" && b.subjects?.some((s) => s.kind === "ServiceAccount" && s.name === account))
      .map((b) => find(b.roleRef.kind, b.roleRef.name))
      .flatMap((role) => role?.rules ?? [])
      .filter((r) => r.apiGroups?.includes("") && r.resources?.includes("pods"))
      .flatMap((r) => r.verbs);
    const missing = RBAC_VERBS.filter((v) => !granted.includes(v) && !granted.includes("*"));
    if (missing.length) errors.push(`${at}: ServiceAccount '${account}' lacks pods ${missing.join(", ")} (UseKubernetesHosting)`);

    const policies = objs.filter((p) => p.kind === "NetworkPolicy" && matches(p.spec.podSelector?.matchLabels, labels));
    if (policies.length === 0) errors.push(`${at}: no NetworkPolicy selects the silo pods`);
    const rules = policies.flatMap((p) => p.spec.ingress ?? []);
    for (const port of containers(w).flatMap((c) => c.ports ?? [])) {
      const allowing = rules.filter((r) => !r.ports || r.ports.some((p) => p.port === port.containerPort || p.port === port.name));
      if (policies.length && allowing.length === 0) errors.push(`${at}: NetworkPolicy lets nothing reach port ${port.containerPort}`);
      if (port.name !== "http" && allowing.some((r) => !r.from?.length || r.from.some((f) => !f.podSelector?.matchLabels)))
        errors.push(`${at}: Orleans port ${port.containerPort} is open beyond named pods (NetworkPolicy)`);
    }
  }
  return errors;
}

function storageErrors(objs) {
  const errors = [];
  const find = (kind, name) => objs.find((o) => o.kind === kind && o.metadata.name === name);
  const config = find("ConfigMap", "voting-config")?.data ?? {};
  if (config.Storage__Provider !== "azure") return errors;
  const secret = find("Secret", "voting-storage");
  const secretKeys = Object.keys({ ...(secret?.stringData ?? {}), ...(secret?.data ?? {}) });
  if (!config.Storage__ServiceUri && !secretKeys.includes("Storage__ConnectionString"))
    errors.push("Storage__Provider azure needs Storage__ConnectionString in voting-storage or Storage__ServiceUri in voting-config");
  if (config.Cluster__Enabled !== "true") errors.push("Storage__Provider azure is deployed in cluster mode here (Cluster__Enabled must be \"true\")");
  if (!config.Storage__ServiceUri) return errors;
  for (const w of objs.filter((o) => WORKLOADS.includes(o.kind))) {
    const at = `${w.kind}/${w.metadata.name}`;
    if (podLabels(w)["azure.workload.identity/use"] !== "true") errors.push(`${at}: pods lack label azure.workload.identity/use=true (Storage__ServiceUri: workload identity)`);
    const account = find("ServiceAccount", w.spec.template.spec.serviceAccountName ?? "default");
    if (!account?.metadata.annotations?.["azure.workload.identity/client-id"])
      errors.push(`${at}: its ServiceAccount has no azure.workload.identity/client-id annotation`);
  }
  return errors;
}

let failed = 0;
for (const arg of renders) {
  const [overlay, file] = arg.split("=");
  const objs = yaml.loadAll(readFileSync(file, "utf8")).filter(Boolean);
  const errors = [];
  for (const o of objs) for (const e of await schemaErrors(o)) errors.push(`${o.kind}/${o.metadata?.name}: ${e}`);
  errors.push(...wiringErrors(objs), ...orleansErrors(objs), ...storageErrors(objs));
  for (const e of errors) console.error(`FAIL ${overlay}: ${e}`);
  console.log(`${overlay}: ${objs.length} objects (${objs.map((o) => o.kind).join(", ")}), ${errors.length} problems`);
  failed += errors.length;
}
process.exit(failed ? 1 : 0);
