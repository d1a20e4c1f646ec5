package com.goodpackagerepo.config.validation;

import com.goodpackagerepo.schema.op.DigestFact;
import com.goodpackagerepo.schema.op.OpSpec;
import com.goodpackagerepo.schema.op.OpSpecs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code all_blob_puts_followed_by: "blob.verify_digest"} (a runtime check decided statically): every
 * {@code blob.put} storing bytes a client supplied must be followed, later in the same pipeline, by
 * the named op. The offending {@code blob.put} is reported at its {@code .op}.
 *
 * <p>Decision: a {@code blob.put} whose {@code from} is a variable written by an earlier
 * {@code proxy.fetch} of the same pipeline (e.g. {@code "$up_resp.body"} after a fetch with
 * {@code out: "up_resp"}) is exempt, because {@code proxy.fetch} already verifies the body against the
 * digest the upstream states. Any other source — {@code request.body}, or a variable holding parsed
 * client input such as {@code "$body"} — counts as client-supplied and needs verifying.
 */
final class BlobVerificationRequirement implements RequirementEvaluator {

    @Override
    public void evaluate(RequirementContext context) {
        if (!JsonValues.isName(context.argument())) {
            context.report(context.argumentPath(), "must name the verifying op, e.g. \"blob.verify_digest\"");
            return;
        }
        String verifier = context.argument().asText();
        for (Pipelines.Pipeline pipeline : Pipelines.all(context.schema())) {
            List<OpRef> ops = pipeline.ops();
            Set<String> fetchedVariables = new HashSet<>();
            for (int i = 0; i < ops.size(); i++) {
                OpRef op = ops.get(i);
                DigestFact fact = OpSpecs.find(op.op()).map(OpSpec::digest).orElse(DigestFact.NONE);
                if (fact == DigestFact.VERIFIES_FETCHED_BODY && op.textArg("out") != null) {
                    fetchedVariables.add(op.textArg("out"));
                }
                if (fact == DigestFact.STORES_BLOB && !isFromUpstream(op.textArg("from"), fetchedVariables)
                        && ops.subList(i + 1, ops.size()).stream().noneMatch(later -> later.op().equals(verifier))) {
                    context.report(op.opPath(), op.op() + " from " + JsonValues.describe(op.arg("from"))
                            + " is not followed by " + verifier);
                }
            }
        }
    }

    /** Whether {@code from} reads a variable (e.g. {@code $up_resp.body}) that a proxy.fetch wrote. */
    private static boolean isFromUpstream(String from, Set<String> fetchedVariables) {
        if (from == null || !from.startsWith("$")) {
            return false;
        }
        String variable = from.substring(1).split("[.\\[]", 2)[0];
        return fetchedVariables.contains(variable);
    }
}
