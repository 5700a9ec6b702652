/**
 * "Approve" for a manifest waiting for approval. The page may ask, but never decides: the person
 * answers outside it, in a native dialog of the Electron main process, or in web mode by typing
 * back the one-time code `goplug serve` printed in its terminal. What is approved is what was
 * shown: the manifest's path and the hash of its command as read now.
 */
import { commandHash, commandLine } from '../../core/launcher/approvals.js';
import { readManifestFile } from '../../core/launcher/index.js';
import { manifestTrustProblem } from '../../core/launcher/manifestTrust.js';
import { formatPluginId } from '../../core/pluginId.js';
import { ServiceError } from '../apiError.js';
import type { ApprovalRequest, Handlers, ServiceContext } from '../context.js';
import { manifestPath } from './manifests.js';

export function approvalHandlers(ctx: ServiceContext): Pick<Handlers, 'approveManifest'> {
  return {
    approveManifest: async ({ path, code }) => {
      const target = await manifestPath(path, ctx.settings.get().folders, 'approveManifest');
      const read = await readManifestFile(target);
      if (read.kind === 'problem')
        throw new ServiceError('FORBIDDEN', `approveManifest: ${read.problem.reason}`);
      const distrust = await manifestTrustProblem(target, read.file, ctx.settings.get().allowedSocketOwners);
      if (distrust) throw new ServiceError('FORBIDDEN', `approveManifest: ${distrust.reason}`);
      const { manifest } = read;
      const request: ApprovalRequest = {
        id: formatPluginId(manifest.namespace, manifest.name),
        path: target,
        commandLine: commandLine(manifest),
      };
      const answer = (approved: boolean, codeSent = false) => ({
        approved,
        commandLine: request.commandLine,
        codeSent,
      });
      if (ctx.approvals.isApproved(target, manifest)) return answer(true);
      const { confirmApproval, showApprovalCode } = ctx.platformHandlers;
      if (confirmApproval !== undefined) {
        if (!(await confirmApproval(request))) return answer(false);
      } else if (showApprovalCode !== undefined) {
        const key = `${target}\0${commandHash(manifest)}`;
        if (code === undefined) {
          showApprovalCode(ctx.approvalCodes.issue(key), request);
          return answer(false, true);
        }
        const redeemed = ctx.approvalCodes.redeem(key, code);
        if (redeemed === 'wrong') {
          throw new ServiceError(
            'FORBIDDEN',
            `approveManifest: wrong or expired code for ${request.id}`,
            'Type the code goplug serve printed last, or ask again for a new one.',
          );
        }
        if (redeemed === 'locked') {
          throw new ServiceError(
            'FORBIDDEN',
            'approveManifest: too many wrong codes; this goplug serve takes no more codes',
            `Run \`goplug trust ${target}\` in a terminal, or restart goplug serve.`,
          );
        }
      } else {
        throw new ServiceError(
          'UNSUPPORTED',
          'Approving a command is not available here.',
          `Run \`goplug trust ${target}\` in a terminal.`,
        );
      }
      await ctx.approvals.approve(target, manifest);
      return answer(true);
    },
  };
}
