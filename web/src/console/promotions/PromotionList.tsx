import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n/locale';
import { ListTable, Loaded } from '../ListPage';
import type { Promotion } from './promotionRules';
import { promotionKindLabels, promotionRuleWords, promotionScopeWords, promotionStateColors, promotionStateLabels } from './promotionWords';

const messages = {
  'zh-CN': {
    label: '名称',
    off: '优惠',
    scope: '适用范围',
    stacking: '叠加',
    window: '时间',
    actions: '操作',
    ownGroup: '可叠加',
    group: '互斥组 {group}',
    exclusive: '独享',
    priority: '优先级 {priority}',
    disable: '停用',
    enable: '启用',
    disableLabel: '停用 {label}',
    enableLabel: '启用 {label}',
    none: '还没有促销，先建一个吧。',
  },
  en: {
    label: 'Name',
    off: 'Takes off',
    scope: 'Applies to',
    stacking: 'Stacking',
    window: 'When',
    actions: 'Actions',
    ownGroup: 'Stacks',
    group: 'Group {group}',
    exclusive: 'Exclusive',
    priority: 'Priority {priority}',
    disable: 'Disable',
    enable: 'Enable',
    disableLabel: 'Disable {label}',
    enableLabel: 'Enable {label}',
    none: 'No promotions yet — create the first one.',
  },
};

/** Every promotion: where it stands, what it takes off, where, how it stacks and when; a switch to disable it. */
export function PromotionList({
  promotions,
  onEnable,
  busyId = null,
}: {
  promotions: Promotion[] | null;
  onEnable: (promotion: Promotion, enabled: boolean) => void;
  busyId?: string | null;
}) {
  const t = useT(messages);
  const ts = useT(promotionStateLabels);
  const tk = useT(promotionKindLabels);
  const { locale } = useLocale();
  return (
    <Loaded items={promotions} none={t('none')}>
      {(promotions) => (
        <ListTable minWidth={900} headers={[t('label'), t('off'), t('scope'), t('stacking'), t('window'), t('actions')]}>
          {promotions.map((promotion) => (
            <Table.Tr key={promotion.id} data-promotion={promotion.id}>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Text fw={600}>{promotion.label}</Text>
                  <Group gap={6}>
                    <Badge color={promotionStateColors[promotion.state]} variant="filled" data-state={promotion.state}>
                      {ts(promotion.state)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {tk(promotion.rule.kind)}
                    </Text>
                  </Group>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {promotionRuleWords(promotion.rule, locale).map((word, i) => (
                    <Badge key={i} color="red.8" variant={i === 0 || promotion.rule.kind !== 'percent-off' ? 'filled' : 'outline'} tt="none">
                      {word}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{promotionScopeWords(promotion.scope, locale)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm">{promotion.exclusive ? t('exclusive') : promotion.stackingGroup ? t('group', { group: promotion.stackingGroup }) : t('ownGroup')}</Text>
                  <Text size="sm" c="dimmed" className="tabular">
                    {t('priority', { priority: promotion.priority })}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="tabular">
                  {formatDateTime(promotion.startsAt, locale)} – {formatDateTime(promotion.endsAt, locale)}
                </Text>
              </Table.Td>
              <Table.Td>
                {promotion.state === 'ended' ? null : (
                  <Button
                    size="xs"
                    variant={promotion.enabled ? 'outline' : 'filled'}
                    color={promotion.enabled ? 'red.9' : 'teal.9'}
                    loading={busyId === promotion.id}
                    aria-label={t(promotion.enabled ? 'disableLabel' : 'enableLabel', { label: promotion.label })}
                    onClick={() => onEnable(promotion, !promotion.enabled)}
                  >
                    {t(promotion.enabled ? 'disable' : 'enable')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Loaded>
  );
}
